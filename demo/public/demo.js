// Shows the element's events in the console, as a merchant's page would react to them.
for (const type of ['pay-checkout-ready', 'pay-checkout-method-change', 'pay-checkout-success', 'pay-checkout-failure', 'pay-checkout-error']) {
  document.addEventListener(type, (event) => console.info(`[demo] ${type}`, event.detail));
}
