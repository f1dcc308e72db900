// Minimal handler for the example app: the example is about the infrastructure around it.
export const handler = async (event) => {
  const order = typeof event.body === 'string' ? JSON.parse(event.body) : event;
  return { statusCode: 201, body: JSON.stringify({ accepted: true, sku: order.sku }) };
};
