export interface Item {
  name: string;
  price: number;
  quantity: number;
}

export function total(items: Item[]): number {
  let sum = 0;
  for (let i = 0; i < items.length; i++) {
    sum = sum + items[i].price * items[i].quantity;
  }
  return sum;
}

// apply a discount code to the cart:
// look the code up in a table of percentages
// throw if the code is unknown
// return the discounted total rounded to cents
