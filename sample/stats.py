"""Small statistics helpers — try Fast Inline on them."""


def mean(values):
    total = 0
    for v in values:
        total = total + v
    return total / len(values)


# compute the median of a list of numbers:
# sort a copy of the list
# if the count is odd, return the middle element
# otherwise return the average of the two middle elements


def describe(values):
    return {"mean": mean(values)}
