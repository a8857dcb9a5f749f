/** Errors shown to the person: a typed error's message, its code for reference, and a way to dismiss it. */
import { toFocalError } from '../../shared/errors';

export interface Notice {
  id: number;
  title: string;
  message: string;
  code: string;
}

export class Notices {
  items = $state<Notice[]>([]);
  private nextId = 1;

  report(title: string, thrown: unknown): void {
    const error = toFocalError(thrown);
    // Cancelling is the person's own choice, not an error to show.
    if (error.code === 'cancelled') return;
    // With main out of reach every call fails the same way: one notice says so, not one per attempt.
    if (error.code === 'unreachable') {
      if (this.items.some((notice) => notice.code === 'unreachable')) return;
      title = 'Focal cannot reach its main process';
    }
    // The same failure again adds nothing the notice on screen does not say.
    if (this.items.some((notice) => notice.title === title && notice.message === error.message && notice.code === error.code)) return;
    this.items.push({ id: this.nextId++, title, message: error.message, code: error.code });
  }

  dismiss(id: number): void {
    this.items = this.items.filter((notice) => notice.id !== id);
  }
}
