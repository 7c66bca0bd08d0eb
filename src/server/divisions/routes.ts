import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The national division list and loading a county's towns and villages from it (filled in by issue 12). */
export const divisionRoutes: FastifyPluginAsyncZod = async () => {};
