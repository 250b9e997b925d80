/// A 2D point.
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Self {
        Point { x: x, y: y }
    }

    // distance to another point:
    // subtract the coordinates
    // return the square root of the sum of squares
}
