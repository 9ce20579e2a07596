// The demo shop's products. Prices are integer minor units (tiyn), as everywhere in pay-checkout.
export interface Product {
  id: string;
  name: string;
  description: string;
  price: { value: number; currency: string };
}

export const PRODUCTS: Product[] = [
  { id: 'black-tea', name: 'Kazakh black tea, 250 g', description: 'Strong leaf tea for the evening dastarkhan.', price: { value: 450_000, currency: 'KZT' } },
  { id: 'apple-jam', name: 'Almaty apple jam', description: 'Aport apples from the foothills.', price: { value: 299_000, currency: 'KZT' } },
  { id: 'tea-set', name: 'Tea set for six', description: 'Kese bowls and a teapot with a shanyrak pattern.', price: { value: 2_490_000, currency: 'KZT' } },
];

export function findProduct(id: unknown): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}
