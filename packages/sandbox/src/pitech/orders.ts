import { randomUUID } from 'node:crypto';
import { pitechDate, randomDigits } from './format.js';
import type { PitechChargeRequest, PitechOrder, PitechState } from './types.js';
import type { OrderRef } from './validate.js';

// In-memory orders. Expiry is applied lazily whenever an order is read: an unpaid NEW order
// EXPIRES, a payment left at 3-D Secure (IN_3DS) is TIMED_OUT.

export interface OrderStore {
  create(request: PitechChargeRequest, twoPhase: boolean): PitechOrder;
  get(ordersId: string): PitechOrder | undefined;
  /** The order only if ordersId, uuid and orderDate all match. */
  find(ref: OrderRef): PitechOrder | undefined;
  hasExtOrdersId(extOrdersId: string): boolean;
  all(): PitechOrder[];
  /** The customer's clientsId in the PG (the same in orders and saved cards); a new one without extClientRef. */
  clientsIdFor(extClientRef: string | undefined): number;
  setState(order: PitechOrder, state: PitechState, message?: string): void;
  reset(): void;
}

export function createOrderStore(now: () => number, ttlMs: number): OrderStore {
  const orders = new Map<string, PitechOrder>();
  const clients = new Map<string, number>();
  let nextClientsId = 1043; // the spec's example value

  const expire = (order: PitechOrder) => {
    if (order.state === 'NEW' && now() >= order.createdAt + ttlMs) {
      order.state = 'EXPIRED';
      order.stateChangedAt = order.createdAt + ttlMs;
      order.message = 'Payment time expired';
    } else if (order.state === 'IN_3DS' && now() >= order.stateChangedAt + ttlMs) {
      order.state = 'TIMED_OUT';
      order.stateChangedAt += ttlMs;
      order.message = '3-D Secure authentication expired';
    }
    return order;
  };

  // A customer (extClientRef) keeps one clientsId, as in the PG's customer records.
  const clientsIdFor = (ref: string | undefined) => {
    if (ref === undefined) return nextClientsId++;
    if (!clients.has(ref)) clients.set(ref, nextClientsId++);
    return clients.get(ref)!;
  };

  return {
    create(request, twoPhase) {
      let ordersId: string;
      do ordersId = randomDigits(15);
      while (orders.has(ordersId));
      const t = now();
      const order: PitechOrder = {
        ordersId,
        uuid: randomUUID(),
        orderDate: pitechDate(t),
        state: 'NEW',
        twoPhase,
        clientsId: clientsIdFor(request.extClientRef),
        request,
        createdAt: t,
        stateChangedAt: t,
      };
      orders.set(ordersId, order);
      return order;
    },
    get: (ordersId) => {
      const order = orders.get(ordersId);
      return order && expire(order);
    },
    find(ref) {
      const order = orders.get(ref.ordersId);
      if (!order || order.uuid !== ref.uuid || order.orderDate !== ref.orderDate) return undefined;
      return expire(order);
    },
    hasExtOrdersId: (ext) => [...orders.values()].some((o) => o.request.extOrdersId === ext),
    all: () => [...orders.values()].map(expire),
    clientsIdFor,
    setState(order, state, message) {
      order.state = state;
      order.stateChangedAt = now();
      if (message !== undefined) order.message = message;
    },
    reset() {
      orders.clear();
      clients.clear();
    },
  };
}
