import type { Request, RequestHandler } from 'express';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Config } from '../config.ts';
import { rateLimited } from '../errors.ts';

export interface RateLimiters {
  /** Failed logins per account (the lower-cased login). */
  loginFailures: RateLimiterAbstract;
  /** Registrations per client address. */
  registrations: RateLimiterAbstract;
  /** Writes per signed-in member. */
  writes: RateLimiterAbstract;
}

/** A node-redis client, when REDIS_URL is set: limits are then shared by every instance. */
export type RedisLike = object;

type Limits = Pick<
  Config,
  | 'LOGIN_MAX_FAILURES'
  | 'LOGIN_WINDOW_MINUTES'
  | 'REGISTRATIONS_PER_HOUR'
  | 'WRITES_PER_MINUTE'
  | 'REDIS_KEY_PREFIX'
>;

export function createRateLimiters(config: Limits, redis?: RedisLike): RateLimiters {
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({
          storeClient: redis,
          useRedisPackage: true,
          keyPrefix: `${config.REDIS_KEY_PREFIX}:rl:${keyPrefix}`,
          points,
          duration,
          // While Redis is away, each instance limits on its own rather than failing requests.
          insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
        })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  return {
    loginFailures: make('login', config.LOGIN_MAX_FAILURES, config.LOGIN_WINDOW_MINUTES * 60),
    registrations: make('register', config.REGISTRATIONS_PER_HOUR, 3600),
    writes: make('writes', config.WRITES_PER_MINUTE, 60),
  };
}

/** Consumes one point for the key; past the limit, a 429 with Retry-After. */
export async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw rateLimited(err.msBeforeNext / 1000);
    throw err;
  }
}

/** Middleware form of consume(), keyed by the request. */
export function limitBy(
  limiter: RateLimiterAbstract,
  key: (req: Request) => string,
): RequestHandler {
  return async (req, _res, next) => {
    await consume(limiter, key(req));
    next();
  };
}
