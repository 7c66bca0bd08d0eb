import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Placeholder replaced by the reference-data module (places, departments, dictionaries).
export const referenceRoutes: FastifyPluginAsyncZod = async () => {};
