import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors/app-error";

/**
 * Runs a scoped lookup and turns NOT_FOUND (unknown id, or another account's) into Next's 404.
 * Pages using it have no loading.tsx on purpose: it would stream a 200 before notFound() runs.
 */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
