export declare const LEGACY_EMBEDDED_DB_PASSWORD: string;
export declare const EMBEDDED_DB_PASSWORD_KEY: string;
export declare function writePrivateJson(file: string, value: unknown): void;
export declare function readOrCreateEmbeddedDbPassword(secretsFile: string): string;
