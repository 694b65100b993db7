import { QueryFailedError } from 'typeorm';
import { IntegrationError } from '../src/integrations/errors';
import { temporalFailureOf } from './integration-failures';

/**
 * What leaves an activity, made safe for Temporal and its logs. A port's
 * plain integration error becomes the Temporal failure it stands for. A failed
 * query carries its SQL parameters (national IDs among them), and the worker
 * logs every activity failure: rethrowing it as the database's own message and
 * error code keeps the failure (and its retry) but not the data.
 */
export function withSafeErrors<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, activity] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await activity(...args);
      } catch (error) {
        if (error instanceof IntegrationError) throw temporalFailureOf(error);
        if (!(error instanceof QueryFailedError)) throw error;
        const code = (error.driverError as { code?: string } | undefined)?.code;
        // Deliberately no `cause`: the query error is what carries the parameters.
        // eslint-disable-next-line preserve-caught-error
        throw new Error(`Database error${code ? ` ${code}` : ''}: ${error.message}`);
      }
    };
  }
  return wrapped as T;
}
