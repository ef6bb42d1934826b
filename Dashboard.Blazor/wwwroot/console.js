// What the console asks of the browser. A circuit cannot set cookies or reach the clipboard; the page does.

export function rememberTheme(dark) {
    document.cookie = `dashboard.theme=${dark ? "dark" : "light"}; path=/; max-age=31536000; samesite=lax`;
}

export async function copyText(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        return false;
    }
}
