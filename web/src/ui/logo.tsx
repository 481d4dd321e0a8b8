/** The app's mark: a tick in a rounded square (the same drawing as the favicon). */
export function Logo(props: { size: number; inverted?: boolean }) {
  const back = props.inverted ? "#fff" : "#1d4f91";
  const tick = props.inverted ? "#1d4f91" : "#fff";
  return (
    <svg
      class="logo"
      width={props.size}
      height={props.size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="6" fill={back} />
      <path
        d="M9 17l5 5 9-12"
        fill="none"
        stroke={tick}
        stroke-width="3.5"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}
