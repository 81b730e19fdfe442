import { NextResponse } from 'next/server';
import type { ApiError } from '../models/contract';

export function jsonError(status: number, reason: string, message: string): NextResponse<ApiError> {
  return NextResponse.json({ error: { status, reason, message } }, { status });
}
