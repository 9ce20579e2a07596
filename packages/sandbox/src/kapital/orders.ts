import { randomInt } from 'node:crypto';
import { orderPassword, randomDigits } from './format.js';
import { FINISHED, type KapitalOrder, type KapitalOrderRequest, type KapitalStatus } from './types.js';

// In-memory orders. Expiry is applied lazily whenever an order is read.

export interface OrderStore {
  create(request: KapitalOrderRequest, amount: number, installmentMonths: number | null): KapitalOrder;
  get(id: number | string): KapitalOrder | undefined;
  all(): KapitalOrder[];
  setStatus(order: KapitalOrder, status: KapitalStatus, login: string): void;
  reset(): void;
}

export function createOrderStore(now: () => number, ttlMs: number): OrderStore {
  const orders = new Map<number, KapitalOrder>();
  // Ids keep counting across reset(), so a server's stored payments never meet a reused id.
  let nextId = randomInt(100_000, 900_000);

  const setStatus = (order: KapitalOrder, status: KapitalStatus, login: string, at = now()) => {
    if (order.status !== status) order.prevStatus = order.status;
    order.status = status;
    order.statusChangedAt = at;
    order.lastStatusLogin = login;
    if (FINISHED.has(status)) order.finishedAt ??= at;
  };

  const expire = (order: KapitalOrder) => {
    if (order.status === 'Preparing' && now() >= order.createdAt + ttlMs) setStatus(order, 'Expired', 'System', order.createdAt + ttlMs);
    return order;
  };

  return {
    create(request, amount, installmentMonths) {
      const t = now();
      const order: KapitalOrder = {
        id: nextId++,
        password: orderPassword(),
        secret: randomDigits(6),
        typeRid: request.typeRid,
        status: 'Preparing',
        prevStatus: null,
        lastStatusLogin: 'System',
        request,
        amount,
        installmentMonths,
        createdAt: t,
        statusChangedAt: t,
        finishedAt: null,
        failedAttempts: 0,
        authorized: 0,
        cleared: 0,
        refunded: 0,
        trans: [],
      };
      orders.set(order.id, order);
      return order;
    },
    get(id) {
      const order = /^\d+$/.test(String(id)) ? orders.get(Number(id)) : undefined;
      return order && expire(order);
    },
    all: () => [...orders.values()].map(expire),
    setStatus: (order, status, login) => setStatus(order, status, login),
    reset: () => orders.clear(),
  };
}
