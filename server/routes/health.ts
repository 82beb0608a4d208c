import { jsonResponse } from '../errors.ts';
import type { BackendContext, RouteDef } from './context.ts';

/**
 * `GET /api/health`, for the load balancer and the person on call: 200 when the store answers,
 * 503 with Retry-After and the reason (never the store's address or password) when it does not.
 */
export function healthRoutes(ctx: BackendContext, instanceId: string): RouteDef[] {
  return [
    {
      path: '/api/health',
      methods: {
        async GET() {
          const store = await ctx.store.health();
          const body = { status: store.ok ? 'ok' : 'store-unavailable', instance: instanceId, mode: ctx.config.mode, store };
          return jsonResponse(store.ok ? 200 : 503, body, store.ok ? {} : { 'retry-after': '2' });
        },
      },
    },
  ];
}
