// The companion server as its own process, so a test can SIGKILL it mid-flow and start it again on
// the same port and database. Settings come as JSON in PAY_CHECKOUT_TEST_SERVER; it prints
// "ready" once it listens.
import express from 'express';
import { createCheckout, type CheckoutConfigInput } from '@pay-checkout/server';

const { port, ...config } = JSON.parse(process.env.PAY_CHECKOUT_TEST_SERVER ?? '{}') as CheckoutConfigInput & { port: number };
const checkout = createCheckout({ ...config, logger: { info() {}, warn() {}, error() {} } });
const app = express();
app.use('/pay', checkout.router);
app.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
