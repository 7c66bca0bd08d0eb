import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Department } from '../../../../shared/reference.js';
import { api } from '../../../lib/api-client';
import { referenceKeys } from '../../../lib/reference-data';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

// The list is read through lib/reference-data (events pick the departments taking part).

export interface DepartmentInput {
  name: string;
  shortName: string | null;
  sortOrder: number;
  active: boolean;
}

export const createDepartment = ({ idempotencyKey, ...input }: DepartmentInput & Submission) =>
  api.post<Department>('/departments', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateDepartment = ({ id, version, ...input }: DepartmentInput & Versioned) =>
  api.patch<Department>(`/departments/${id}`, input, { headers: ifMatch(version) });
export const deleteDepartment = (id: number) => api.delete<{ ok: true }>(`/departments/${id}`);
/** 添加常用部门: the generic departments (农业农村局, 科学技术协会 …) the bureau has not got by name. */
export const addDefaultDepartments = ({ idempotencyKey }: Submission = {}) =>
  api.post<{ added: number }>('/departments/defaults', {}, { headers: idempotencyHeader(idempotencyKey) });

function useDepartmentMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referenceKeys.departments }),
  });
}

export const useCreateDepartment = () => useDepartmentMutation(createDepartment);
export const useUpdateDepartment = () => useDepartmentMutation(updateDepartment);
export const useDeleteDepartment = () => useDepartmentMutation(deleteDepartment);
export const useAddDefaultDepartments = () => useDepartmentMutation(addDefaultDepartments);
