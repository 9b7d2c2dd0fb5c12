from wirewatch.extract import extract_document

PAGE = """<html lang="ru"><head><meta charset="utf-8"><title>Порт открыл зерновой терминал</title></head><body>
<article><h1>Порт открыл зерновой терминал</h1>
<p>Приморск. 4 мая. ИНТЕРФАКС - Новый зерновой терминал открылся в порту Приморска в понедельник,
его мощность составит три миллиона тонн в год, сообщил оператор порта.</p>
<p>Терминал построили за восемнадцать месяцев местные компании, на нем будут работать около четырехсот
человек после выхода на полную мощность следующей весной.</p>
<p>Экспортеры приветствовали открытие, отметив, что очереди грузовиков у старых причалов росли каждый год.</p>
<div class="textMLink">Читайте также</div><p>Портовики завершили двухдневную забастовку</p>
</article></body></html>"""


def test_read_also_label_and_its_headline_are_dropped_even_when_trafilatura_drops_the_label() -> None:
    article = extract_document(PAGE.encode(), "https://port.example/news/grain")
    assert "зерновой терминал открылся" in article.text
    assert "забастовку" not in article.text
    assert len(article.paragraphs) == 3
