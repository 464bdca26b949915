import { STAGES, type Stage } from '../../shared/domain/stages';

/** Where an application has got to, as a word first; colour only supports it (styles.css, .tag.stage-*). */
export function StageTag({ stage }: { stage: Stage }) {
  return <span className={`tag ${stage} stage-${stage}`}>{STAGES[stage]}</span>;
}
