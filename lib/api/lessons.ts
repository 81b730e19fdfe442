// The browser side of the lesson routes, through the same CSRF-carrying wrapper as every action.
import type { Simulation } from '../models/contract';
import { callAction } from './actions';

/** SWR key of GET /api/lessons (a LessonsInfo, lib/models/contract.ts). */
export const LESSONS_KEY = '/api/lessons';

const base = (ns: string) => `/api/namespaces/${encodeURIComponent(ns)}/lessons`;

export const setUpLesson = (ns: string, story: string) =>
  callAction<{ story: string; namespace: string; objects: string[] }>('POST', `${base(ns)}/setup`, { story });
export const cleanUpLesson = (ns: string) =>
  callAction<{ namespace: string; alreadyDeleting: boolean }>('POST', `${base(ns)}/cleanup`);
export const runSimulation = (ns: string, sim: Simulation) =>
  callAction<{ simulation: string; pods: string[] }>('POST', `${base(ns)}/simulate`, sim);
