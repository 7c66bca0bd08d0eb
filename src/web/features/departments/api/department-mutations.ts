import type { z } from 'zod';
import type { okSchema } from '../../../../shared/common.js';
import type { Department, departmentBodySchema } from '../../../../shared/reference.js';
import { api } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/mutation';
import { referenceKeys } from '../../../lib/reference-data';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

// The list is read through lib/reference-data (events pick the departments taking part).

/** The department form; an update sends every field too (PATCH). */
export type DepartmentInput = z.input<typeof departmentBodySchema>;

export const createDepartment = ({ idempotencyKey, ...input }: DepartmentInput & Submission) =>
  api.post<Department>('/departments', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateDepartment = ({ id, version, ...input }: DepartmentInput & Versioned) =>
  api.patch<Department>(`/departments/${id}`, input, { headers: ifMatch(version) });
export const deleteDepartment = (id: number) => api.delete<z.output<typeof okSchema>>(`/departments/${id}`);
/** 添加常用部门: the generic departments (农业农村局, 科学技术协会 …) the bureau has not got by name. */
export const addDefaultDepartments = ({ idempotencyKey }: Submission = {}) =>
  api.post<{ added: number }>('/departments/defaults', {}, { headers: idempotencyHeader(idempotencyKey) });

export const useCreateDepartment = () => useInvalidatingMutation(createDepartment, [referenceKeys.departments]);
export const useUpdateDepartment = () => useInvalidatingMutation(updateDepartment, [referenceKeys.departments]);
export const useDeleteDepartment = () => useInvalidatingMutation(deleteDepartment, [referenceKeys.departments]);
export const useAddDefaultDepartments = () => useInvalidatingMutation(addDefaultDepartments, [referenceKeys.departments]);
