import { randomUUID } from 'node:crypto';
import { pitechDate, randomDigits } from './format.js';
import type { PitechSaveCardOrder, PitechSaveCardRequest, PitechState } from './types.js';

// SAVE_CARD orders (section 4.1), apart from payments: they have no extOrdersId, no status read and
// no callback in the document, only a hosted page and its return URLs. An unused one expires.

export interface SaveCardRef {
  orderId: string;
  uuid: string;
  orderDate: string;
}

export interface SaveCardOrderStore {
  create(request: PitechSaveCardRequest): PitechSaveCardOrder;
  /** The order only if orderId, uuid and orderDate all match. */
  find(ref: SaveCardRef): PitechSaveCardOrder | undefined;
  all(): PitechSaveCardOrder[];
  setState(order: PitechSaveCardOrder, state: PitechState, message: string): void;
  reset(): void;
}

export function createSaveCardOrderStore(
  now: () => number,
  ttlMs: number,
  clientsIdFor: (extClientRef: string) => number,
): SaveCardOrderStore {
  const orders = new Map<string, PitechSaveCardOrder>();

  const expire = (order: PitechSaveCardOrder) => {
    if (order.state === 'NEW' && now() >= order.createdAt + ttlMs) {
      order.state = 'EXPIRED';
      order.stateChangedAt = order.createdAt + ttlMs;
      order.message = 'Payment time expired';
    }
    return order;
  };

  return {
    create(request) {
      let orderId: string;
      do orderId = randomDigits(15);
      while (orders.has(orderId));
      const t = now();
      const order: PitechSaveCardOrder = {
        orderId,
        uuid: randomUUID(),
        orderDate: pitechDate(t),
        state: 'NEW',
        clientsId: clientsIdFor(request.extClientRef),
        request,
        createdAt: t,
        stateChangedAt: t,
      };
      orders.set(orderId, order);
      return order;
    },
    find(ref) {
      const order = orders.get(ref.orderId);
      if (!order || order.uuid !== ref.uuid || order.orderDate !== ref.orderDate) return undefined;
      return expire(order);
    },
    all: () => [...orders.values()].map(expire),
    setState(order, state, message) {
      order.state = state;
      order.stateChangedAt = now();
      order.message = message;
    },
    reset: () => orders.clear(),
  };
}
