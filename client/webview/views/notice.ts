// The notice bar (role=alert) for things the user must know happened: events missed after a
// reconnect (`reset`), events skipped because the page fell behind. It stays until dismissed.
import { setText } from './dom';

export class NoticeView {
  constructor(
    private readonly box: HTMLElement,
    private readonly text: HTMLElement,
    dismiss: HTMLButtonElement,
  ) {
    dismiss.addEventListener('click', () => {
      box.hidden = true;
      box.removeAttribute('data-kind');
    });
  }

  show(kind: 'reset' | 'dropped' | 'invalid', message: string): void {
    this.box.dataset.kind = kind;
    setText(this.text, message);
    this.box.hidden = false;
  }
}
