import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { z } from 'zod';
import 'antd/dist/reset.css';
import './styles.css';
import { AppProvider } from './app/provider';
import { router } from './app/router';

dayjs.locale('zh-cn');
// The server's Content-Security-Policy forbids eval; without this zod probes for it with
// `new Function`, and the browser reports each probe as a CSP violation although zod copes.
z.config({ jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>
  </StrictMode>,
);
