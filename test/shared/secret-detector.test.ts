import { SecretDetector, SecretKind } from '../../src/shared';

describe('SecretDetector', () => {
  const positives: Array<[string, string, SecretKind]> = [
    ['DB_PASSWORD', 'hunter2hunter2', SecretKind.SECRET_NAME],
    ['dbPassword', 'correct horse', SecretKind.SECRET_NAME],
    ['GITHUB_TOKEN', 'abc', SecretKind.SECRET_NAME],
    ['API_KEY', '123e4567-e89b-12d3-a456-426614174000', SecretKind.SECRET_NAME],
    ['STRIPE_APIKEY', 'whatever-value', SecretKind.SECRET_NAME],
    ['CLIENT_SECRET', 'x1', SecretKind.SECRET_NAME],
    ['PIN_PASSWORD', '123456', SecretKind.SECRET_NAME],
    ['CONFIG', 'AKIAIOSFODNN7EXAMPLE', SecretKind.AWS_ACCESS_KEY_ID],
    ['CONFIG', 'ASIAY34FZKBOKMUTVV7A', SecretKind.AWS_ACCESS_KEY_ID],
    ['CONFIG', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', SecretKind.AWS_SECRET_ACCESS_KEY],
    ['CERT', '-----BEGIN RSA PRIVATE KEY-----\nMIIB...', SecretKind.PRIVATE_KEY],
    ['CERT', '-----BEGIN OPENSSH PRIVATE KEY-----', SecretKind.PRIVATE_KEY],
    ['AUTH', 'Bearer abcdefghijklmnopqrstuvwxyz012345', SecretKind.AUTHORIZATION_HEADER],
    ['X', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', SecretKind.JWT],
    ['X', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', SecretKind.VENDOR_TOKEN],
    ['X', 'xoxb-123456789012-abcdefghij', SecretKind.VENDOR_TOKEN],
    ['X', 'sk_live_abcdefghijklmnop1234', SecretKind.VENDOR_TOKEN],
    ['DATABASE_URL', 'postgres://admin:s3cr3t@db.example.com:5432/app', SecretKind.CONNECTION_STRING_PASSWORD],
    ['CONN', 'Server=db;Database=app;User Id=sa;Password=P@ssw0rd;', SecretKind.CONNECTION_STRING_PASSWORD],
    ['X', '{{resolve:secretsmanager:MySecret:SecretString:password}}', SecretKind.SECRET_DYNAMIC_REFERENCE],
    ['SIGNATURE_SEED', 'q8Zr!u2LmX9vT4bK7pW1sN6dF3hJ0cYe', SecretKind.HIGH_ENTROPY],
    // What only looks public: a private JWKS (it has "d"), a private key under a public name, a Stripe secret key.
    ['OIDC_KEYS', '{"keys":[{"kty":"EC","d":"q8Zr-u2LmX9vT4bK7pW1sN6dF3hJ0cYe","x":"a","y":"b"}]}', SecretKind.PRIVATE_KEY],
    ['SIGNING_PUBLIC_KEY', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC', SecretKind.PRIVATE_KEY],
    ['STRIPE_PUBLISHABLE_KEY', 'sk_live_abcdefghijklmnop1234', SecretKind.VENDOR_TOKEN],
  ];
  test.each(positives)('%s=%s is a secret (%s)', (name, value, kind) => {
    expect(SecretDetector.inspect(name, value)?.kind).toBe(kind);
  });

  const negatives: Array<[string, string]> = [
    ['DB_SECRET_ARN', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf'],
    ['API_KEY_SECRET_NAME', 'prod/api-key'],
    ['API_KEY_PARAMETER', '/app/prod/api-key'],
    ['DB_PASSWORD', '/app/prod/db-password'],
    ['DB_PASSWORD', 'arn:aws:ssm:eu-west-1:111111111111:parameter/db'],
    ['TOKEN_TTL_SECONDS', '3600'],
    ['TOKEN_ENABLED', 'true'],
    ['AUTH_TOKEN', ''],
    ['SECRET_ROTATION_DAYS', '30'],
    ['PORT', '8080'],
    ['TABLE_NAME', 'orders-table'],
    ['REQUEST_ID', '123e4567-e89b-12d3-a456-426614174000'],
    ['COMMIT_SHA', '9fceb02d0ae598e95dc970b74767f19372d61af8'],
    ['DIGEST', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['API_URL', 'https://api.example.com/v1/orders?limit=10'],
    ['DATABASE_URL', 'postgres://db.example.com:5432/app'],
    ['DATABASE_URL', 'postgres://app:${DB_PASSWORD}@db.example.com/app'],
    ['SERVICE', 'com.example.orders.OrderService'],
    ['LOG_LEVEL', 'DEBUG'],
    ['QUEUE_ARN', 'arn:aws:sqs:eu-west-1:111111111111:orders-dlq'],
    ['ROLE_ID', 'AROAEXAMPLEID1234567'],
    ['MESSAGE', 'Hello world, this is a long human sentence.'],
    ['KMS_KEY_ID', '1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['TOKENIZER_MODEL', 'bert-base-uncased'],
    // Public and publishable key formats are public by design, whatever the name (issue #17.3).
    ['STRIPE_PUBLISHABLE_KEY', 'pk_live_51HxYzAbCdEfGhIjKlMnOpQrStUvWx0123456789'],
    ['STRIPE_KEY', 'pk_test_51HxYzAbCdEfGhIjKlMnOpQrStUvWx0123456789'],
    ['STRIPE_API_KEY', 'pk_live_51HxYzAbCdEfGhIjKlMnOpQrStUvWx0123456789'],
    ['VAPID_PUBLIC_KEY', 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U'],
    ['VAPID_KEY', 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U'],
    ['JWT_PUBLIC_KEY', 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo'],
    ['SIGNING_PUBLIC_KEY', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END PUBLIC KEY-----'],
    ['DEPLOY_KEY', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGZ0aW1lLXN0YW1wZWQta2V5LXB1YmxpYw deploy@ci'],
    ['JWKS_URL', 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf/.well-known/jwks.json'],
    ['AUTH_JWKS', 'https://auth.example.com/.well-known/jwks.json'],
    ['OIDC_KEYS', '{"keys":[{"kty":"RSA","kid":"k1","n":"u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0","e":"AQAB"}]}'],
    ['PASSWORD_RESET_TABLE', 'password-resets'],
    ['TOKEN_MAX_AGE', '900s'],
  ];
  test.each(negatives)('%s=%s is not a secret', (name, value) => {
    expect(SecretDetector.inspect(name, value)).toBeUndefined();
  });

  test('entropy', () => {
    expect(SecretDetector.shannonEntropy('')).toBe(0);
    expect(SecretDetector.shannonEntropy('aaaa')).toBe(0);
    expect(SecretDetector.shannonEntropy('abcd')).toBe(2);
  });

  test('names', () => {
    expect(SecretDetector.isSecretName('PASSWD')).toBe(true);
    expect(SecretDetector.isSecretName('PRIVATE_KEY')).toBe(true);
    expect(SecretDetector.isSecretName('my-api-key')).toBe(true);
    expect(SecretDetector.isSecretName('AWS_SECRET_ACCESS_KEY')).toBe(true);
    expect(SecretDetector.isSecretName('DB_SECRET_ARN')).toBe(false);
    expect(SecretDetector.isSecretName('CACHE_KEY')).toBe(false);
  });
});
