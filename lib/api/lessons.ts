// The browser side of the lesson routes, through the same CSRF-carrying wrapper as every action.
import { callAction } from '../api/actions';
import type { Simulation } from './simulations';

export const LESSONS_KEY = '/api/lessons';

export interface LessonsInfo {
  prefix: string;
  lessons: { id: string; namespace: string; allowed: boolean }[];
  /** whether Simulate is available: the cluster's nodes are kwok's */
  cluster: { simulated: boolean; reason: string };
}

const base = (ns: string) => `/api/namespaces/${encodeURIComponent(ns)}/lessons`;

export const setUpLesson = (ns: string, story: string) =>
  callAction<{ story: string; namespace: string; objects: string[] }>('POST', `${base(ns)}/setup`, { story });
export const cleanUpLesson = (ns: string) => callAction<{ namespace: string; alreadyDeleting: boolean }>('POST', `${base(ns)}/cleanup`);
export const runSimulation = (ns: string, sim: Simulation) =>
  callAction<{ simulation: string; pods: string[] }>('POST', `${base(ns)}/simulate`, sim);
