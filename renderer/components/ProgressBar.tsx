// Long work made visible: a progress bar and what is happening, with a way out where that loses nothing.
export interface Progress {
  /** 0–1 when the amount done is known; null while a single request runs. */
  fraction: number | null;
  text: string;
  /** Present while stopping loses nothing (reading and checking write nothing). */
  onCancel?: () => void;
}

export function ProgressBar({ progress }: { progress: Progress }) {
  return (
    <div className="import-progress">
      <p id="progress-text" role="status">
        {progress.text}
      </p>
      {progress.fraction === null ? (
        <progress aria-labelledby="progress-text" />
      ) : (
        <progress aria-labelledby="progress-text" max={100} value={Math.round(progress.fraction * 100)}>
          {Math.round(progress.fraction * 100)}%
        </progress>
      )}
      {progress.onCancel ? (
        <button type="button" className="button secondary" onClick={progress.onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
