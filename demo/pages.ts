// HTML of the demo shop. No inline script or style: the pages work under a strict CSP.
import { toDecimalString } from '@pay-checkout/protocol/money';
import type { Product } from './catalog.js';

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function layout(title: string, body: string, lang = 'en'): string {
  return `<!doctype html>
<html lang="${escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Dala Tea House</title>
<link rel="stylesheet" href="/assets/demo.css">
</head>
<body>
<header class="shop-header"><a href="/">Dala Tea House</a><span class="sandbox-badge">Sandbox: no real money</span></header>
<main>
${body}
</main>
</body>
</html>`;
}

const price = (p: Product['price']) => `${toDecimalString(p.value, p.currency)} ${p.currency}`;

export function shopPage(products: Product[]): string {
  const items = products
    .map(
      (p) => `<li class="product">
  <h2>${escape(p.name)}</h2>
  <p>${escape(p.description)}</p>
  <p class="price">${escape(price(p.price))}</p>
  <form method="post" action="/buy"><input type="hidden" name="product" value="${escape(p.id)}"><button type="submit">Buy ${escape(p.name)}</button></form>
</li>`,
    )
    .join('\n');
  return layout('Shop', `<h1>Shop</h1>\n<ul class="products">\n${items}\n</ul>`);
}

export const LANGUAGES = { en: 'English', kk: 'Қазақша', ru: 'Русский', az: 'Azərbaycanca' } as const;
export const THEMES = ['auto', 'light', 'dark'] as const;
export interface OrderView {
  lang: keyof typeof LANGUAGES;
  theme: (typeof THEMES)[number];
  /** Subresource Integrity of the script-tag bundle, as the build printed it. */
  integrity: string | undefined;
}

export function orderPage(order: { id: string; product: Product; clientSecret: string }, view: OrderView): string {
  const link = (lang: string, theme: string, text: string, current: boolean) =>
    `<a href="?lang=${lang}&amp;theme=${theme}"${current ? ' aria-current="page"' : ''}>${escape(text)}</a>`;
  const languages = Object.entries(LANGUAGES).map(([code, name]) => link(code, view.theme, name, code === view.lang));
  const themes = THEMES.map((theme) => link(view.lang, theme, theme, theme === view.theme));
  const theme = view.theme === 'auto' ? '' : ` theme="${view.theme}"`;
  const integrity = view.integrity ? ` integrity="${escape(view.integrity)}" crossorigin="anonymous"` : '';
  return layout(
    `Order ${order.id}`,
    `<h1>Order ${escape(order.id)}</h1>
<p>${escape(order.product.name)}: ${escape(price(order.product.price))}</p>
<nav class="switches" aria-label="Checkout options"><p>${languages.join(' · ')}</p><p>Theme: ${themes.join(' · ')}</p></nav>
<pay-checkout endpoint="/api/pay" client-secret="${escape(order.clientSecret)}"${theme}></pay-checkout>
<aside class="hint">
  <p><strong>Card:</strong> test cards are listed on the sandbox payment page.</p>
  <p><strong>Phone balance:</strong> any Kazakh mobile number; the SMS code arrives in the
  <a href="/sandbox/monetix/sms" target="_blank" rel="noopener">sandbox SMS inbox</a>.
  A number ending in 0000 has too little balance, one ending in 1111 is declined at once.</p>
</aside>
<script src="/assets/pay-checkout.global.js"${integrity}></script>
<script src="/assets/demo.js"></script>`,
    view.lang,
  );
}

export function notFoundPage(): string {
  return layout('Not found', '<h1>Not found</h1><p><a href="/">Back to the shop</a></p>');
}
