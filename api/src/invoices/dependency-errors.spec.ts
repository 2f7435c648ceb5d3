import { ServiceError } from '@temporalio/client';
import { ApiError } from '../errors/api-error';
import { isDependencyDown, rethrowDependencyDown } from './dependency-errors';

function grpcError(code: number): Error {
  return Object.assign(new Error(`${code} grpc`), { code, details: 'x', metadata: {} });
}

describe('isDependencyDown', () => {
  it('recognises an unreachable Temporal (gRPC UNAVAILABLE or DEADLINE_EXCEEDED, also as a cause)', () => {
    expect(isDependencyDown(grpcError(14))).toBe(true);
    expect(isDependencyDown(new ServiceError('Failed to start', { cause: grpcError(4) }))).toBe(true);
  });

  it('recognises an unreachable object store by its socket error code', () => {
    expect(isDependencyDown(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
  });

  it('leaves other failures alone (a refused request, a programming error)', () => {
    expect(isDependencyDown(grpcError(3))).toBe(false);
    expect(isDependencyDown(new ServiceError('Invalid argument', { cause: grpcError(3) }))).toBe(false);
    expect(isDependencyDown(new TypeError('x is undefined'))).toBe(false);
    expect(isDependencyDown('down')).toBe(false);
  });
});

describe('rethrowDependencyDown', () => {
  it('turns an unreachable service into DEPENDENCY_DOWN naming it, and rethrows anything else as it is', () => {
    let thrown: unknown;
    try {
      rethrowDependencyDown(grpcError(14), 'The workflow service');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({
      code: 'DEPENDENCY_DOWN',
      message: 'The workflow service is unavailable; try again shortly',
    });
    const bug = new TypeError('x is undefined');
    expect(() => rethrowDependencyDown(bug, 'The workflow service')).toThrow(bug);
  });
});
