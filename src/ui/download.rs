//! Saves bytes as a file download, without any server.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `bytes` to the user as a download called `file_name`.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |what: &str| format!("Could not prepare the download ({what}).");
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| fail("blob"))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| fail("url"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("no document"))?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("link"))?
        .dyn_into()
        .map_err(|_| fail("link"))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

/// Today's date as YYYY-MM-DD, in the user's time zone.
pub fn today() -> String {
    today_date().to_string()
}

/// Today's date in the user's time zone.
pub fn today_date() -> crate::model::Date {
    let now = js_sys::Date::new_0();
    crate::model::Date::from_ymd(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_else(|| crate::model::Date::from_days_since_epoch(0))
}

/// When an ISO time was, in the reader's time zone: "today 14:03", or "27 Nov 2026, 14:03".
pub fn when(iso: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return "at an unknown time".to_owned();
    }
    let today = js_sys::Date::new_0();
    let time = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    let same_day = date.get_full_year() == today.get_full_year()
        && date.get_month() == today.get_month()
        && date.get_date() == today.get_date();
    if same_day {
        return format!("today {time}");
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.get(date.get_month() as usize).copied().unwrap_or("");
    format!(
        "{} {month} {}, {time}",
        date.get_date(),
        date.get_full_year()
    )
}
