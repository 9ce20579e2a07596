// The kz_mobile method: phone number input with its mask, validation, and the operator list.
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
const operatorButton = (el: PayCheckout) => $<HTMLButtonElement>(el, '#pc-operator-button');
const listbox = (el: PayCheckout) => $<HTMLUListElement>(el, '[role="listbox"]');
const operatorName = (el: PayCheckout) => text($(el, '#pc-operator-value'));
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
    expect(`${text($(el, '#pc-operator-label'))} ${operatorName(el)} ${text(operatorButton(el))}`).to.equal('Operator: Kcell Change');
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
      ['706', 'not chosen'],
    ];
    for (const [prefix, name] of expected) {
      await clear(el, input);
      await typeInto(el, input, `${prefix}1234567`);
      expect(operatorName(el), prefix).to.equal(name);
    }
    // No operator: the button says Choose, and Pay asks for one.
    expect(text(operatorButton(el))).to.equal('Choose');
    payButton(el).click();
    await el.updateComplete;
    expect(text($(el, '#pc-operator-error'))).to.equal('Choose your mobile operator.');
    expect(operatorButton(el).getAttribute('aria-describedby')).to.equal('pc-operator-error');
    await waitUntil(() => shadowActive(el) === operatorButton(el), 'focus moves to the operator button');
  });

  it('lets the shopper change the operator with the keyboard', async () => {
    const el = await choosing({ prefill: { phone: '+77012345678' } });
    const button = operatorButton(el);
    expect(button.getAttribute('aria-haspopup')).to.equal('listbox');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(listbox(el).hidden).to.equal(true);

    button.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(listbox(el).hidden).to.equal(false);
    await waitUntil(() => shadowActive(el) === listbox(el), 'focus moves into the list');
    const options = [...listbox(el).querySelectorAll('[role="option"]')];
    expect(options.map((o) => text(o))).to.deep.equal(OPERATORS.map((o) => o.name));
    expect(listbox(el).getAttribute('aria-activedescendant'), 'starts on the current operator').to.equal('pc-operator-KCELL');
    expect(options.find((o) => o.getAttribute('aria-selected') === 'true')!.id).to.equal('pc-operator-KCELL');
    await waitUntil(() => listbox(el).style.top !== '', 'positioned by floating-ui');

    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(listbox(el).getAttribute('aria-activedescendant')).to.equal('pc-operator-TELE2');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(listbox(el).getAttribute('aria-activedescendant'), 'stops at the end').to.equal('pc-operator-TELE2');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(listbox(el).getAttribute('aria-activedescendant')).to.equal('pc-operator-ACTIV');
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(listbox(el).getAttribute('aria-activedescendant')).to.equal('pc-operator-BEELINE');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;

    expect(operatorName(el)).to.equal('Beeline');
    expect(listbox(el).hidden).to.equal(true);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(shadowActive(el), 'focus returns to the button').to.equal(button);

    // ArrowDown on the button opens too; Escape closes without changing anything.
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(listbox(el).hidden).to.equal(false);
    expect(listbox(el).getAttribute('aria-activedescendant')).to.equal('pc-operator-BEELINE');
    await waitUntil(() => shadowActive(el) === listbox(el));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(listbox(el).hidden).to.equal(true);
    expect(shadowActive(el)).to.equal(button);
    expect(operatorName(el)).to.equal('Beeline');
  });

  it('closes the list on a click outside and picks an option on click', async () => {
    const el = await choosing({ prefill: { phone: '+77012345678' } });
    operatorButton(el).click();
    await el.updateComplete;
    expect(listbox(el).hidden).to.equal(false);
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(listbox(el).hidden).to.equal(true);

    operatorButton(el).click();
    await el.updateComplete;
    $(el, '#pc-operator-ALTEL').click();
    await el.updateComplete;
    expect(operatorName(el)).to.equal('Altel');
    expect(listbox(el).hidden).to.equal(true);
  });

  it('keeps a manual choice until the number gets another prefix', async () => {
    const el = await choosing({ prefill: { phone: '+77012345678' } });
    operatorButton(el).click();
    await el.updateComplete;
    $(el, '#pc-operator-ACTIV').click();
    await el.updateComplete;
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
    expect(operatorName(el), 'TELE2 is not offered').to.equal('not chosen');
    operatorButton(el).click();
    await el.updateComplete;
    expect([...listbox(el).querySelectorAll('[role="option"]')].map((o) => text(o))).to.deep.equal(['Kcell', 'Beeline']);
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
