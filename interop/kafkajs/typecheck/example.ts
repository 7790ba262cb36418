// Compiled (never run) by `npm run check-types`: the generated types and finflow-kafka.d.ts work for a
// TypeScript service, and a wrong event for a topic does not compile.
import { randomUUID } from 'crypto';
import { FinFlowKafka, TransactionEvent, UserEvent, AnalyticsEvent } from '../finflow-kafka';

export async function example(): Promise<void> {
  const kafka = new FinFlowKafka({
    brokers: ['127.0.0.1:9092'], clientId: 'billing-service', source: '/finflow/billing-service',
    groupId: 'billing-service-group',
  });
  const debit: TransactionEvent = {
    eventId: randomUUID(), transactionId: 'tx-1', accountId: 'acc-42', type: 'debit',
    amount: '100.50', currency: 'EUR', status: 'completed', occurredAt: new Date().toISOString(),
    merchant: { name: 'Corner Shop', categoryCode: '5411' },
  };
  await kafka.sendMessage('transaction-events', debit);
  const view: AnalyticsEvent = {
    eventId: randomUUID(), sessionId: 's-1', name: 'page_view', page: '/accounts',
    properties: { button: 'transfer', step: 2, returning: true }, occurredAt: new Date().toISOString(),
  };
  await kafka.sendMessage('analytics-events', view);

  const registered: UserEvent = {
    eventId: randomUUID(), userId: 'user-1', type: 'registered', email: 'a@example.com', country: 'DE',
    occurredAt: new Date().toISOString(),
  };
  // @ts-expect-error a user event is not a transaction event
  await kafka.sendMessage('transaction-events', registered);
  // @ts-expect-error amounts are exact decimal strings, never numbers
  const wrongAmount: TransactionEvent = { ...debit, amount: 100.5 };
  // @ts-expect-error the schemas are closed: no unknown fields
  const misspelled: TransactionEvent = { ...debit, ammount: '1.00' };
  // @ts-expect-error enums are checked
  const badStatus: TransactionEvent = { ...debit, status: 'done' };
  void wrongAmount; void misspelled; void badStatus;

  const subscription = await kafka.subscribe('transaction-events', async (tx, meta) => {
    if (tx === null) {
      return;
    }
    const amount: string = tx.amount;
    console.log(meta.eventId, tx.accountId, amount, tx.merchant?.name);
  }, { fromBeginning: true });
  await subscription.stop();
  await kafka.sendTombstone('account-balances', 'acc-42');
  await kafka.disconnect();
}
