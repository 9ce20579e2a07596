// PITECH fixtures: the test gateway URL and the shopper's side of its hosted page.
import assert from 'node:assert/strict';
import { PITECH_TEST_CARDS } from '@pay-checkout/sandbox';

export const PITECH_URL = 'https://cards-stage.pitech.kz';

/** The shopper fills PITECH's hosted page; returns where PITECH sends them back. */
export async function payOnPitechPage(redirectUrl: string, card: string = PITECH_TEST_CARDS.visaSuccess.number, action = 'pay'): Promise<string> {
  const query = new URL(redirectUrl).searchParams;
  const form = new URLSearchParams({
    ordersId: query.get('ordersId')!,
    orderDate: query.get('orderDate')!,
    uuid: query.get('uuid')!,
    cardNumber: card,
    expiry: '12/39',
    cvc: '123',
    cardholderName: 'AIGERIM SULTANOVA',
    action,
  });
  const res = await fetch(`${PITECH_URL}/pay`, { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(res.status, 303, await res.text());
  return res.headers.get('location')!;
}
