// Idempotency keys and the remembered choice survive what sessionStorage does on real pages: being
// cleared (a new visit: new keys) and refusing writes (private modes: the page's memory keeps them).
import { expect } from '@open-wc/testing';
import { keyFor, nextAttempt, rememberChoice, rememberedChoice } from '../src/controllers/attempt-keys.js';

describe('attempt keys', () => {
  beforeEach(() => sessionStorage.clear());

  it('gives the same key for the same choice until a new attempt starts', () => {
    const first = keyFor('cs_keys_1', 'card');
    expect(keyFor('cs_keys_1', 'card')).to.equal(first);
    expect(keyFor('cs_keys_1', 'card:card_v1')).to.not.equal(first);
    nextAttempt('cs_keys_1');
    expect(keyFor('cs_keys_1', 'card')).to.not.equal(first);
  });

  it('forgets keys and the choice when sessionStorage is cleared', () => {
    const first = keyFor('cs_keys_2', 'card');
    rememberChoice('cs_keys_2', 'kz_mobile');
    sessionStorage.clear();
    expect(keyFor('cs_keys_2', 'card')).to.not.equal(first);
    expect(rememberedChoice('cs_keys_2')).to.equal(null);
  });

  it('keeps keys in memory where sessionStorage refuses writes, so a double click is one payment', () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    try {
      const first = keyFor('cs_keys_3', 'card');
      expect(keyFor('cs_keys_3', 'card')).to.equal(first);
      rememberChoice('cs_keys_3', 'card:card_v1');
      expect(rememberedChoice('cs_keys_3')).to.equal('card:card_v1');
    } finally {
      Storage.prototype.setItem = setItem;
    }
  });
});
