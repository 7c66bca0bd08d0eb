import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** First-run set-up of a bureau on an empty database (filled in by issue 12). */
export const setupRoutes: FastifyPluginAsyncZod = async () => {};
