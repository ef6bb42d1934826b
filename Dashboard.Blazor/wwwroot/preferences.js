// The console's preferences the browser keeps: a circuit cannot set cookies, so the page writes this one.
export function rememberTheme(dark) {
    document.cookie = `dashboard.theme=${dark ? "dark" : "light"}; path=/; max-age=31536000; samesite=lax`;
}
