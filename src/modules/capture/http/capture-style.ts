/** The capture page's one stylesheet, placed inline under the page's nonce (the CSP allows no other style). */
export const CAPTURE_CSS = `*{box-sizing:border-box}[hidden]{display:none!important}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f5f7}
header{background:#0b3d6b;color:#fff;padding:.75rem 1rem;display:flex;justify-content:space-between;align-items:center;gap:1rem}
header .org{font-weight:600}header .file{display:block;font-weight:400}header a{color:#fff}
main{max-width:34rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:.5rem;padding:1rem 1.1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
details summary{cursor:pointer;color:#0b5cad;text-decoration:underline;padding:.5rem 0;min-height:2.75rem}
h1{font-size:1.45rem;line-height:1.25;margin:.25rem 0 .75rem}h2{font-size:1.1rem;margin:0 0 .5rem}
.progress{color:#3d4b5c;font-size:.9rem;margin:0}.bar{display:block;width:100%;height:.5rem;margin:.35rem 0 1rem;accent-color:#0b6bcb}
.sr{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}.check label{margin:0}
label{display:block;font-weight:600;margin:.9rem 0 .25rem}.hint{color:#4a5563;font-size:.9rem;margin:.15rem 0 .35rem}
input[type=text],input[type=date],select,textarea{width:100%;font:inherit;padding:.65rem .7rem;border:1px solid #6b7785;border-radius:.35rem;background:#fff;color:#1a1a1a}
textarea{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1rem;min-height:4.5rem;white-space:pre;overflow-x:auto}
input[type=file]{width:100%;font:inherit;padding:.5rem;border:2px dashed #6b7785;border-radius:.35rem;background:#f9fafb}
input[type=file]::file-selector-button{font:inherit;font-weight:600;padding:.45rem .8rem;margin-right:.6rem;border:0;border-radius:.3rem;background:#0b3d6b;color:#fff}
input:focus,select:focus,textarea:focus,button:focus,a:focus{outline:3px solid #f0b400;outline-offset:2px}
.photo{position:relative;display:flex;flex-direction:column}.photo .pick{order:-1}.photo .preview{align-self:flex-start}.js .photo .send{display:none}
.js .photo .file{position:absolute;top:0;left:0;width:1px;height:1px;margin:0;padding:0;border:0;opacity:0;overflow:hidden}
.js .photo .pick{display:block;margin:.6rem 0 .25rem;padding:.8rem 1rem;border-radius:.4rem;background:#0b6bcb;color:#fff;text-align:center;cursor:pointer}
.js .photo .file:focus+.pick{outline:3px solid #f0b400;outline-offset:2px}.js .photo .file:disabled+.pick{background:#4a5563;cursor:progress}
.check{display:flex;gap:.6rem;align-items:flex-start;font-weight:600;margin:1rem 0}.check input{width:1.4rem;height:1.4rem;margin:.1rem 0 0;flex:none}
fieldset{border:0;margin:0;padding:0}legend{font-weight:600;margin:.9rem 0 .25rem}
.radio{display:flex;gap:.6rem;align-items:center;font-weight:400;margin:.35rem 0;padding:.55rem .6rem;border:1px solid #c4ccd6;border-radius:.35rem}
.radio input{width:1.2rem;height:1.2rem;margin:0}
button,.button{display:block;width:100%;font:inherit;font-weight:600;padding:.8rem 1rem;margin:1.2rem 0 .25rem;border:0;border-radius:.4rem;background:#0b6bcb;color:#fff;text-align:center;text-decoration:none;cursor:pointer}
button.secondary{background:#fff;color:#0b3d6b;border:2px solid #0b6bcb;margin-top:.6rem}
button[disabled]{background:#8a96a3;cursor:not-allowed}
.errors{border-left:4px solid #b00020;background:#fdecee;padding:.6rem .8rem;margin:0 0 1rem}.errors ul{margin:.25rem 0 0;padding-left:1.2rem}
.field-error{color:#b00020;font-size:.9rem;margin:.2rem 0 0}input[aria-invalid=true]{border:2px solid #b00020}
.status{font-size:.95rem;margin:.35rem 0 0}.ok{color:#176b2c;font-weight:600}.todo{color:#4a5563}
.preview{display:block;max-width:100%;max-height:6rem;margin:.5rem 0 0;border-radius:.3rem}
dl{margin:0}dt{font-weight:600}dd{margin:0}
.row{display:grid;grid-template-columns:1fr auto;column-gap:.5rem;margin-top:.6rem}.row dt{grid-area:1/1}.row .edit{grid-area:1/2}.row .value{grid-area:2/1/3/3}
.back{display:inline-block;margin:.6rem 0 0;color:#0b3d6b}
a{color:#0b55a0}
.date{white-space:nowrap}`;
