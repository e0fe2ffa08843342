import { describe, expect, it } from 'vitest';
import { replicationErrorCode, replicationErrorMessage } from './error-code';
import { ReplicationRequestError } from './transport';

describe('replicationErrorCode', () => {
  it('reads the server code kept by RxDB as plain JSON', () => {
    const error = { name: 'RxError', parameters: { errors: [{ name: 'ReplicationRequestError', code: 'VALIDATION_FAILED' }] } };
    expect(replicationErrorCode(error)).toBe('VALIDATION_FAILED');
  });

  it('reads an unwrapped transport error', () => {
    expect(replicationErrorCode(new ReplicationRequestError('trop gros', 413, 'PAYLOAD_TOO_LARGE'))).toBe('PAYLOAD_TOO_LARGE');
  });

  it('recognises a network failure', () => {
    expect(replicationErrorCode({ parameters: { errors: [{ name: 'TypeError', message: 'Failed to fetch' }] } })).toBe('NETWORK');
  });

  it('falls back to UNKNOWN', () => {
    expect(replicationErrorCode(new Error('boom'))).toBe('UNKNOWN');
    expect(replicationErrorCode(null)).toBe('UNKNOWN');
  });
});

describe('replicationErrorMessage', () => {
  it("prefers the server's message inside RxDB's wrapper", () => {
    expect(replicationErrorMessage({ message: 'RxError RC_PUSH …', parameters: { errors: [{ message: 'Document invalide' }] } })).toBe('Document invalide');
    expect(replicationErrorMessage(new Error('boom'))).toBe('boom');
  });
});
