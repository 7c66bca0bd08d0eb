import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Me, changePasswordBodySchema } from '../../../../shared/auth.js';
import type { okSchema } from '../../../../shared/common.js';
import { api } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/auth';

export type ChangePasswordInput = z.input<typeof changePasswordBodySchema>;

export const changePassword = (input: ChangePasswordInput) => api.post<z.output<typeof okSchema>>('/auth/password', input);

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    // The server has cleared mustChangePassword: say so at once (the layout stops sending the user
    // back to this page before the page navigates away), then read the user again.
    onSuccess: () => {
      queryClient.setQueryData<Me | null>(meQueryKey, (user) => (user ? { ...user, mustChangePassword: false } : user));
      return queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
