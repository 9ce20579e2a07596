// Server-Sent Events of a session's latest payment, so the element sees a callback's result at once.
// While the payment is not settled the stream also re-reads the provider now and then, in case a
// callback never comes.
import type { Request, Response } from 'express';
import type { CheckoutService } from '../payments/service.js';
import { isFinal } from '../payments/transitions.js';
import type { PaymentRecord, SessionRecord } from '../store/types.js';

const HEARTBEAT_MS = 15_000;
const RESYNC_MS = 5_000;
/** Streams end after this long; the element reconnects or falls back to polling. */
const MAX_STREAM_MS = 5 * 60_000;

export async function streamPaymentEvents(service: CheckoutService, session: SessionRecord, req: Request, res: Response): Promise<void> {
  res.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();

  let lastSent = '';
  const send = (payment: PaymentRecord) => {
    const data = JSON.stringify(service.view(payment));
    if (data === lastSent) return;
    lastSent = data;
    res.write(`event: payment\ndata: ${data}\n\n`);
    if (isFinal(payment.state)) stop();
  };

  let currentId = session.latestPaymentId;
  const unsubscribe = service.events.subscribe(session.id, (payment) => {
    currentId = payment.id; // the latest attempt of this session is the one to follow
    send(payment);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  const resync = setInterval(() => void resyncNow(), RESYNC_MS);
  const deadline = setTimeout(() => stop(), MAX_STREAM_MS);
  let stopped = false;
  function stop() {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    clearInterval(heartbeat);
    clearInterval(resync);
    clearTimeout(deadline);
    res.end();
  }
  async function resyncNow() {
    if (!currentId) return;
    try {
      const payment = await service.store.getPayment(currentId);
      if (payment) send(await service.syncPayment(payment));
    } catch (error) {
      service.logger.warn('events.resync_failed', { message: (error as Error).message });
    }
  }
  req.on('close', stop);

  if (currentId) {
    const payment = await service.store.getPayment(currentId);
    if (payment) send(payment);
  }
}
