// Minimal handlers for the example apps: the examples are about the infrastructure around them.
export const handler = async (event) => {
  const order = typeof event.body === 'string' ? JSON.parse(event.body) : event;
  return { statusCode: 201, body: JSON.stringify({ accepted: true, sku: order.sku }) };
};

// Reference app: POST /orders (the API has validated the body), GET /orders/{orderId}, and the queue consumer.
export const createOrder = handler;

export const getOrder = async (event) => {
  const orderId = event.pathParameters?.orderId ?? '';
  if (!/^[A-Za-z0-9-]{1,64}$/.test(orderId)) return { statusCode: 400, body: JSON.stringify({ message: 'Invalid order id' }) };
  return { statusCode: 200, body: JSON.stringify({ orderId }) };
};

export const processOrder = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records ?? []) {
    try {
      JSON.parse(record.body);
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
