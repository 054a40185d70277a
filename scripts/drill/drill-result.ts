export type DrillResult = { name: string; ok: boolean; lines: string[] };
