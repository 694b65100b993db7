import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One call to the codec endpoint's decode (src/api/codec): who decoded how many payloads of which namespace,
 * from where and when. Append-only (a trigger refuses updates and deletes); never the payloads themselves.
 */
@Entity('decode_log')
// A supervisor's question, "what did this person decode lately", and the burst check's sum.
@Index('decode_log_actor_idx', ['actor', 'decodedAt'])
export class DecodeLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'decoded_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  decodedAt: Date;

  /** `<role>:<subject>` of the person (or the embedded UI's session) who decoded. */
  @Column({ type: 'text' })
  actor: string;

  /** The namespace the Temporal UI names (`X-Namespace`); the CLI names none, and no client names the workflow. */
  @Column({ type: 'text', nullable: true })
  namespace: string | null;

  @Column({ type: 'integer' })
  payloads: number;

  /** The caller's address as the API saw it (behind a proxy: the proxy's, unless trust proxy is set). */
  @Column({ name: 'client_ip', type: 'text', nullable: true })
  clientIp: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  /** The browser's `Origin`: the Temporal UI's, or none for the CLI. */
  @Column({ type: 'text', nullable: true })
  origin: string | null;
}
