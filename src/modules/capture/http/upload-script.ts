import { scriptJson } from '../../../platform/html/render.ts';
import type { Texts } from './capture-texts.ts';

/**
 * The one script: a photo is sent as soon as it is chosen, as the raw body of a PUT (streamed and checked
 * by the server like any document upload); the CSRF token rides in a header. The page is not reloaded: a
 * thumbnail of the photo received stays in its card (one per photo, replaced by the next one received),
 * and Continue shows once every card has one. The texts and the token go in as script-safe JSON; the rest
 * is a constant. Without the script each card's own form posts the photo (see capture-photos.tsx).
 */
export const uploadScript = (t: Texts, csrf: string) => `(function(){
var busy=${scriptJson(t.uploading)};var done=${scriptJson(`\u2713 ${t.uploaded}`)};var again=${scriptJson(t.replace)};var failed=${scriptJson(t.uploadErrors)};
var forms=document.querySelectorAll('form.photo');
function allIn(){for(var i=0;i<forms.length;i++){if(!forms[i].hasAttribute('data-received'))return false;}return true;}
function say(status,text,cls){status.textContent='';var s=document.createElement('span');s.className=cls;s.textContent=text;status.appendChild(s);}
forms.forEach(function(form){
  var input=form.querySelector('input[type=file]');var status=form.querySelector('.status');var label=form.querySelector('label.pick');
  form.addEventListener('submit',function(e){e.preventDefault();input.click();});
  input.addEventListener('change',function(){var file=input.files&&input.files[0];if(!file)return;
    var err=form.querySelector('.field-error');if(err)err.remove();input.removeAttribute('aria-invalid');
    input.disabled=true;say(status,busy,'todo');
    fetch(form.action,{method:'PUT',body:file,headers:{'content-type':file.type||'application/octet-stream','x-csrf-token':${scriptJson(csrf)}},credentials:'same-origin'})
    .then(function(r){if(!r.ok)throw r.status;
      var old=form.querySelector('img.preview');if(old){URL.revokeObjectURL(old.src);old.remove();}
      var img=document.createElement('img');img.className='preview';img.alt='';img.src=URL.createObjectURL(file);status.after(img);
      form.setAttribute('data-received','yes');say(status,done,'ok');label.firstChild.textContent=again;
      if(allIn()){document.getElementById('photos-next').hidden=false;document.getElementById('photos-wait').hidden=true;}})
    .catch(function(code){say(status,failed[code]||failed.other,'field-error');})
    .then(function(){input.disabled=false;input.value='';});
  });
});})();`;
