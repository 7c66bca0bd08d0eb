import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const ANTD = /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion)[\\/]/;

/**
 * Vendor groups, so no single chunk carries the whole UI kit: the parts of antd the shell needs
 * (layout, menu, buttons) load first; tables, forms and pickers load with the first page that
 * uses them. Pages themselves are split by route (see app/navigation.tsx).
 */
const VENDOR_CHUNKS: CodeSplittingGroup[] = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/, priority: 50 },
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/, priority: 40 },
  { name: 'antd-icons', test: /node_modules[\\/]@ant-design[\\/]icons(-svg)?[\\/]/, priority: 35 },
  { name: 'antd', test: ANTD, tags: ['$initial'], priority: 30 },
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 27 },
  // Initial vendors first, so a library the shell and the pickers share (dayjs) is not pulled
  // into the lazily loaded antd chunk.
  { name: 'vendor', test: /node_modules[\\/]/, tags: ['$initial'], priority: 25 },
  { name: 'antd-pages', test: ANTD, priority: 20 },
  { name: 'vendor-pages', test: /node_modules[\\/]/, priority: 10 },
];

type CodeSplittingGroup = {
  name: string;
  test: RegExp;
  priority: number;
  tags?: '$initial'[];
};

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: VENDOR_CHUNKS },
      },
    },
  },
  server: {
    port: 5173,
    // The Host header is kept (no changeOrigin), so the server's same-origin check sees the dev origin.
    proxy: { '/api': { target: 'http://localhost:3000' } },
  },
});
