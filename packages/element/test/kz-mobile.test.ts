// The kz_mobile method: phone number input with its mask, validation, and the operator select.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PayCheckout } from '../src/index.js';
import {
  $,
  HttpResponse,
  OPERATORS,
  createHandler,
  kzPayment,
  kzSession,
  mount,
  paymentHandler,
  posts,
  sessionHandler,
  shadowActive,
  text,
  use,
  useMockApi,
  waitForState,
} from './helpers.js';

const phone = (el: PayCheckout) => $<HTMLInputElement>(el, '#pc-phone');
const operatorSelect = (el: PayCheckout) => $<HTMLSelectElement>(el, '#pc-operator');
const operatorName = (el: PayCheckout) => text(operatorSelect(el).selectedOptions[0]!);

/** Picks an operator the way a click in the platform's picker does. */
async function pick(el: PayCheckout, id: string): Promise<void> {
  operatorSelect(el).value = id;
  operatorSelect(el).dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}
const payButton = (el: PayCheckout) => $<HTMLButtonElement>(el, '[part~="pay-button"]');

async function choosing(options: Parameters<typeof kzSession>[0] = {}): Promise<PayCheckout> {
  use(sessionHandler(kzSession(options)));
  const { el } = mount();
  await waitForState(el, 'choosing');
  return el;
}

async function typeInto(el: PayCheckout, input: HTMLInputElement, keys: string): Promise<void> {
  input.focus();
  await sendKeys({ type: keys });
  await el.updateComplete;
}

async function clear(el: PayCheckout, input: HTMLInputElement): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  await el.updateComplete;
}

async function paste(el: PayCheckout, input: HTMLInputElement, value: string): Promise<void> {
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', value);
  input.focus();
  input.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true, composed: true }));
  await el.updateComplete;
}

describe('kz_mobile method', () => {
  useMockApi();

  it('offers a labelled phone input for Kazakh numbers, prefilled from the session', async () => {
    const el = await choosing({ prefill: { phone: '+77012345678' } });
    expect(text($(el, '[part~="method"]'))).to.contain('Phone balance').and.contain('Monetix');
    const input = phone(el);
    expect(input.type).to.equal('tel');
    expect(input.getAttribute('autocomplete')).to.equal('tel');
    expect(input.getAttribute('inputmode')).to.equal('tel');
    expect(text($(el, `label[for="${input.id}"]`))).to.equal('Phone number');
    expect(text($(el, '#pc-phone-prefix'))).to.equal('+7');
    expect(input.value).to.equal('701 234 56 78');
    expect(operatorName(el)).to.equal('Kcell');
    expect(text($(el, 'label[for="pc-operator"]'))).to.equal('Mobile operator');
    expect(operatorSelect(el).value).to.equal('KCELL');
  });

  it('masks the number as it is typed, whatever prefix habit the shopper has', async () => {
    const el = await choosing();
    const input = phone(el);
    await typeInto(el, input, '7012');
    expect(input.value).to.equal('701 2');
    await typeInto(el, input, '345678');
    expect(input.value).to.equal('701 234 56 78');
    await typeInto(el, input, '9');
    expect(input.value, 'a complete number takes no more digits').to.equal('701 234 56 78');
    // Replacing a complete number at once (autofill, select and type over) reads the new one.
    input.select();
    await sendKeys({ type: '8 705 111 22 33'.slice(0, 1) });
    await el.updateComplete;
    expect(input.value).to.equal('');
    input.value = '8 705 111 22 33';
    input.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: '8 705 111 22 33', bubbles: true }));
    await el.updateComplete;
    expect(input.value).to.equal('705 111 22 33');
    input.value = '+7 701 234 56 78 ';
    input.dispatchEvent(new InputEvent('input', { inputType: 'insertReplacementText', bubbles: true }));
    await el.updateComplete;
    expect(input.value, 'autofill over a complete number').to.equal('701 234 56 78');

    for (const typed of ['87012345678', '+77012345678', '+7 (701) 234-56-78']) {
      await clear(el, input);
      expect(input.value).to.equal('');
      await typeInto(el, input, typed);
      expect(input.value, typed).to.equal('701 234 56 78');
    }
  });

  it('deletes a digit, not just the space, with Backspace after a group', async () => {
    const el = await choosing();
    const input = phone(el);
    await typeInto(el, input, '7012345678');
    input.setSelectionRange(4, 4); // "701 |234 56 78"
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(input.value).to.equal('702 345 67 8');
    expect(input.selectionStart).to.equal(2);
  });

  it('accepts a pasted number in any common format', async () => {
    const el = await choosing();
    const input = phone(el);
    for (const pasted of [
      '8 701 234 5678',
      '+7(701)234-56-78',
      '77012345678',
      '7012345678',
      '+7 701 234 56 78',
      ' 8 (701) 234-56-78 ',
    ]) {
      await clear(el, input);
      await paste(el, input, pasted);
      expect(input.value, pasted).to.equal('701 234 56 78');
      expect(operatorName(el)).to.equal('Kcell');
    }
  });

  it('shows and announces a validation error tied to the input, and sends nothing', async () => {
    use(createHandler(() => HttpResponse.json(kzPayment(), { status: 201 })));
    const el = await choosing();
    const input = phone(el);
    const error = $(el, '#pc-phone-error');
    expect(error.getAttribute('aria-live'), 'the error region exists before it has text').to.equal('polite');
    expect(input.getAttribute('aria-describedby')!.split(' ')).to.include('pc-phone-error');
    expect(payButton(el).disabled, 'Pay stays operable').to.equal(false);

    payButton(el).click();
    await el.updateComplete;
    await waitUntil(() => shadowActive(el) === input, 'focus moves to the phone input');
    expect(text(error)).to.equal('Enter your phone number.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');

    await typeInto(el, input, '701234');
    payButton(el).click();
    await el.updateComplete;
    expect(text(error)).to.equal('Enter a Kazakh mobile number: 10 digits after +7, starting with 7.');

    await clear(el, input);
    await typeInto(el, input, '6012345678');
    payButton(el).click();
    await el.updateComplete;
    expect(text(error), 'national numbers start with 7').to.contain('starting with 7');
    expect(posts()).to.have.length(0);

    await clear(el, input);
    await typeInto(el, input, '7012345678');
    expect(text(error), 'the error goes once the number is valid').to.equal('');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
  });

  it('checks a half-typed number when the shopper leaves the field', async () => {
    const el = await choosing();
    await typeInto(el, phone(el), '70');
    expect(text($(el, '#pc-phone-error'))).to.equal('');
    phone(el).blur();
    await el.updateComplete;
    expect(text($(el, '#pc-phone-error'))).to.contain('Enter a Kazakh mobile number');
  });

  it('suggests the operator from the prefix', async () => {
    const el = await choosing();
    const input = phone(el);
    const expected = [
      ['700', 'Altel'],
      ['708', 'Altel'],
      ['701', 'Kcell'],
      ['702', 'Kcell'],
      ['775', 'Kcell'],
      ['778', 'Kcell'],
      ['705', 'Beeline'],
      ['771', 'Beeline'],
      ['776', 'Beeline'],
      ['777', 'Beeline'],
      ['707', 'Tele2'],
      ['747', 'Tele2'],
      ['706', 'Choose your operator'],
    ];
    for (const [prefix, name] of expected) {
      await clear(el, input);
      await typeInto(el, input, `${prefix}1234567`);
      expect(operatorName(el), prefix).to.equal(name);
    }
    // No operator: Pay asks for one, on the select, and takes the shopper there.
    expect(operatorSelect(el).value).to.equal('');
    payButton(el).click();
    await el.updateComplete;
    expect(text($(el, '#pc-operator-error'))).to.equal('Choose your mobile operator.');
    expect(operatorSelect(el).getAttribute('aria-describedby')).to.equal('pc-operator-error');
    expect(operatorSelect(el).getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => shadowActive(el) === operatorSelect(el), 'focus moves to the operator select');
    await pick(el, 'ACTIV');
    expect(text($(el, '#pc-operator-error')), 'a pick clears the error').to.equal('');
  });

  it('lets the shopper change the operator with the keyboard', async () => {
    const el = await choosing({ prefill: { phone: '+77012345678' } });
    const select = operatorSelect(el);
    expect([...select.options].map((o) => text(o))).to.deep.equal(['Choose your operator', ...OPERATORS.map((o) => o.name)]);
    expect(select.options[0]!.disabled, 'the prompt cannot be picked').to.equal(true);
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(operatorName(el)).to.equal('Tele2');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(operatorName(el)).to.equal('Beeline');
    await sendKeys({ press: 'Tab' });
    expect(shadowActive(el), 'Tab leaves for the Pay button').to.equal(payButton(el));
    expect(operatorName(el)).to.equal('Beeline');
  });

  it('keeps a manual choice until the number gets another prefix', async () => {
    const el = await choosing({ prefill: { phone: '+77012345678' } });
    await pick(el, 'ACTIV');
    expect(operatorName(el)).to.equal('Activ');

    const input = phone(el);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '9' });
    await el.updateComplete;
    expect(input.value).to.equal('701 234 56 79');
    expect(operatorName(el), 'same prefix: the choice sticks').to.equal('Activ');

    await clear(el, input);
    await typeInto(el, input, '7051234567');
    expect(operatorName(el), 'another prefix: suggest again').to.equal('Beeline');
  });

  it('offers only the operators the server listed', async () => {
    const el = await choosing({
      methods: [{ type: 'kz_mobile', provider: 'monetix', providerName: 'Monetix', operators: [OPERATORS[3]!, OPERATORS[2]!] }],
    });
    await typeInto(el, phone(el), '7071234567');
    expect(operatorName(el), 'TELE2 is not offered').to.equal('Choose your operator');
    expect([...operatorSelect(el).options].slice(1).map((o) => text(o))).to.deep.equal(['Kcell', 'Beeline']);
  });

  it('posts the method, the number in E.164 and the operator', async () => {
    use(createHandler(() => HttpResponse.json(kzPayment(), { status: 201 })), paymentHandler(() => HttpResponse.json(kzPayment())));
    const el = await choosing();
    await typeInto(el, phone(el), '+7 (775) 123-45-67');
    await sendKeys({ press: 'Enter' }); // implicit submission from the input
    await waitForState(el, 'otp');
    expect(posts()[0]!.body).to.deep.equal({ method: 'kz_mobile', phone: '+77751234567', operator: 'KCELL', locale: 'en' });
    expect(posts()[0]!.idempotencyKey).to.be.a('string');
  });
});
