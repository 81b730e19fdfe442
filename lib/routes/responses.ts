import { NextResponse } from 'next/server';

/** Every error a route returns has this shape: a status, a reason word and a sentence for people. */
export interface ApiError {
  error: { status: number; reason: string; message: string };
}

export function jsonError(status: number, reason: string, message: string): NextResponse<ApiError> {
  return NextResponse.json({ error: { status, reason, message } }, { status });
}
