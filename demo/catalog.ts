// The demo shop's products. Prices are integer minor units (tiyn), as everywhere in pay-checkout.
export interface Product {
  id: string;
  name: string;
  description: string;
  price: { value: number; currency: string };
  /** manual: the card is only authorized at checkout; the shop captures (or cancels) later, as when goods ship. */
  captureMethod?: 'manual';
}

export const PRODUCTS: Product[] = [
  { id: 'black-tea', name: 'Kazakh black tea, 250 g', description: 'Strong leaf tea for the evening dastarkhan.', price: { value: 450_000, currency: 'KZT' } },
  { id: 'apple-jam', name: 'Almaty apple jam', description: 'Aport apples from the foothills.', price: { value: 299_000, currency: 'KZT' } },
  { id: 'tea-set', name: 'Tea set for six', description: 'Kese bowls and a teapot with a shanyrak pattern.', price: { value: 2_490_000, currency: 'KZT' } },
  // Made to order: held on the card, captured from /admin when it ships (or canceled).
  { id: 'samovar', name: 'Copper samovar, made to order', description: 'Hammered by hand in Shymkent; we charge the card when it ships.', price: { value: 8_900_000, currency: 'KZT' }, captureMethod: 'manual' },
  // Sold in Azerbaijan: paid through Kapital Bank.
  { id: 'armudu', name: 'Armudu tea glasses, set of six', description: 'Pear-shaped glasses from Baku, with saucers.', price: { value: 4_500, currency: 'AZN' } },
  // Sold abroad: paid through pay.tech.
  { id: 'gift-box', name: 'Steppe gift box', description: 'Three teas and a jar of jam, shipped worldwide.', price: { value: 3_900, currency: 'USD' } },
];

export function findProduct(id: unknown): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}
