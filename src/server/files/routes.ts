import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Placeholder replaced by the files module (upload/download of attachments).
export const fileRoutes: FastifyPluginAsyncZod = async () => {};
