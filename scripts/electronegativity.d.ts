/** The part of @doyensec/electronegativity's module API (dist/runner.js) the security scan uses; it ships no types. */
declare module '@doyensec/electronegativity' {
  export interface EngIssue {
    id: string;
    severity: { name: string };
    confidence: { name: string };
    file: string;
    location?: { line?: number; column?: number };
    description: string;
  }
  export interface EngResult {
    issues: EngIssue[];
    errors: Array<{ file: string; message: string; tolerable: boolean }>;
  }
  export default function run(options: Record<string, unknown>, forCli: false): Promise<EngResult>;
}
