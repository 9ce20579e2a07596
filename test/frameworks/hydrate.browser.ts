// Browser side of the Chromium check: hydrates the server markup of both examples, renders the React
// one once more client-only, and records what their callbacks receive for frameworks.test.ts to read.
import { createElement, useEffect } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { OrderCheckout } from '../../demo/react/OrderCheckout.js';
import { createOrderCheckoutApp } from '../../demo/vue/app.js';
import type { OrderCheckoutProps, Payment } from '../../demo/vue/OrderCheckout.js';

type Root = 'react' | 'react-client' | 'vue';

const outcomes: Record<Root, string[]> = { react: [], 'react-client': [], vue: [] };
const ready: Record<Root, boolean> = { react: false, 'react-client': false, vue: false };
Object.assign(window, { outcomes, ready });

const props = JSON.parse(document.getElementById('props')!.textContent!) as OrderCheckoutProps;
const listeners = (root: Root) => ({
  onPaid: (payment: Payment) => void outcomes[root].push(`paid:${payment.id}`),
  onFailed: (payment: Payment) => void outcomes[root].push(`failed:${payment.id}`),
});

// A child's effects run before its parent's, so once this one ran the example's listeners are on.
function Rendered({ root }: { root: Root }) {
  useEffect(() => void (ready[root] = true), [root]);
  return createElement(OrderCheckout, { ...props, ...listeners(root) });
}

hydrateRoot(document.getElementById('react')!, createElement(Rendered, { root: 'react' }));
createRoot(document.getElementById('react-client')!).render(createElement(Rendered, { root: 'react-client' }));
createOrderCheckoutApp({ ...props, ...listeners('vue') }).mount('#vue');
ready.vue = true;
