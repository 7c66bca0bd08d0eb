import { createContext, useContext } from 'react';
import type { NavPage } from './navigation';

/**
 * Every page of the app (navigation.tsx), handed by the layout to a page that links to the others:
 * the home page's 快捷入口. The home page does not import the list, because the list loads it.
 */
export const PagesContext = createContext<readonly NavPage[]>([]);

export const usePages = () => useContext(PagesContext);
